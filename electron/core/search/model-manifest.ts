// The one real embedding model Glue Desk uses, pinned by size and sha256 so a download can be
// checked before it is trusted. The small tokenizer/config files ship in the repo
// (resources/models/…, byte-for-byte the Hugging Face files); only the ONNX weights are
// downloaded, once, because they are 23 MB.

export interface ModelFile {
  /** Path inside the model folder, '/'-separated as Transformers.js expects. */
  path: string;
  bytes: number;
  sha256: string;
  url: string;
  /** True for files the repo ships (resources/models/<id>/<path>); the rest are downloaded. */
  bundled: boolean;
}

export interface ModelManifest {
  id: string;
  dim: number;
  revision: string;
  files: readonly ModelFile[];
}

const HF = 'https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main';

export const MINILM: ModelManifest = {
  id: 'Xenova/all-MiniLM-L6-v2',
  dim: 384,
  revision: 'main',
  files: [
    { path: 'config.json', bytes: 650, sha256: '7135149f7cffa1a573466c6e4d8423ed73b62fd2332c575bf738a0d033f70df7', url: `${HF}/config.json`, bundled: true },
    { path: 'tokenizer.json', bytes: 711661, sha256: 'da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0', url: `${HF}/tokenizer.json`, bundled: true },
    { path: 'tokenizer_config.json', bytes: 366, sha256: '9261e7d79b44c8195c1cada2b453e55b00aeb81e907a6664974b4d7776172ab3', url: `${HF}/tokenizer_config.json`, bundled: true },
    {
      path: 'onnx/model_quantized.onnx',
      bytes: 22_972_370,
      sha256: 'afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1',
      url: `${HF}/onnx/model_quantized.onnx`,
      bundled: false,
    },
  ],
};

/** The weights file: the only one `glue model download --from` replaces. */
export const MINILM_WEIGHTS: ModelFile = MINILM.files.find((f) => !f.bundled) ?? MINILM.files[0]!;

/**
 * The non-semantic CI fixture (see /work/shared/models/test-fixtures/…/PROVENANCE.md). It has
 * its own id so vectors made with it can never be mistaken for, or mixed with, MiniLM vectors.
 */
export const FIXTURE_MODEL_ID = 'test-fixtures/bow-hash-384-minilm-tokenizer';
export const FIXTURE_DIM = 384;
