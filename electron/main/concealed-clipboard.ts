import { spawn } from 'node:child_process';

// Copied secrets are marked so clipboard history and cloud clipboard skip them (issue #19):
// Windows' ExcludeClipboardContentFromMonitorProcessing, CanIncludeInClipboardHistory = 0 and
// CanUploadToCloudClipboard = 0; macOS' org.nspasteboard.ConcealedType (clipboard managers
// honour it). The markers must sit in the SAME clipboard write as the text: Electron's
// clipboard.writeBuffer() writes one format per call and each call empties the clipboard first
// (electron/electron#11838), so text + marker cannot go through it. The write is done by the OS's
// own scripting host instead (PowerShell / osascript), with the secret on stdin, never in argv.
// Linux has no common convention Electron can write; there the text goes plainly, and the
// auto-clear still applies.

/** A format written beside the text; `dword0` = a 4-byte little-endian 0 (Windows' "no"). */
export interface ConcealFormat {
  format: string;
  data: 'dword0' | 'empty';
}

export const CONCEAL_FORMATS: Partial<Record<NodeJS.Platform, readonly ConcealFormat[]>> = {
  win32: [
    { format: 'ExcludeClipboardContentFromMonitorProcessing', data: 'dword0' },
    { format: 'CanIncludeInClipboardHistory', data: 'dword0' },
    { format: 'CanUploadToCloudClipboard', data: 'dword0' },
  ],
  darwin: [{ format: 'org.nspasteboard.ConcealedType', data: 'empty' }],
};

export interface HelperCommand {
  command: string;
  args: string[];
}

function windowsScript(formats: readonly ConcealFormat[]): string {
  const lines = [
    "$ErrorActionPreference = 'Stop'",
    'Add-Type -AssemblyName System.Windows.Forms',
    '$buf = New-Object IO.MemoryStream',
    '[Console]::OpenStandardInput().CopyTo($buf)',
    '$text = [Text.Encoding]::UTF8.GetString($buf.ToArray())',
    '$d = New-Object System.Windows.Forms.DataObject',
    '$d.SetData([System.Windows.Forms.DataFormats]::UnicodeText, $text)',
    ...formats.map((f) => `$d.SetData('${f.format}', (New-Object IO.MemoryStream(,${f.data === 'dword0' ? '[BitConverter]::GetBytes([int32]0)' : '[byte[]]@()'})))`),
    '[System.Windows.Forms.Clipboard]::SetDataObject($d, $true)',
  ];
  return lines.join('; ');
}

function macScript(formats: readonly ConcealFormat[]): string {
  return [
    "ObjC.import('AppKit')",
    'const input = $.NSFileHandle.fileHandleWithStandardInput.readDataToEndOfFile',
    'const text = $.NSString.alloc.initWithDataEncoding(input, $.NSUTF8StringEncoding)',
    'const pb = $.NSPasteboard.generalPasteboard',
    'pb.clearContents',
    "pb.setStringForType(text, 'public.utf8-plain-text')",
    ...formats.map((f) => `pb.setStringForType('', '${f.format}')`),
  ].join('; ');
}

/** The OS helper that writes text and markers in one go, or null where there is none. */
export function concealedWriteCommand(platform: NodeJS.Platform): HelperCommand | null {
  const formats = CONCEAL_FORMATS[platform];
  if (!formats) return null;
  if (platform === 'win32') return { command: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-STA', '-Command', windowsScript(formats)] };
  return { command: '/usr/bin/osascript', args: ['-l', 'JavaScript', '-e', macScript(formats)] };
}

/** Runs a helper with `stdin` as its input; rejects when it fails or times out. */
export type RunHelper = (cmd: HelperCommand, stdin: string) => Promise<void>;

/** The real runner: the helper gets the secret on stdin and 5 s to finish. */
export const spawnHelper: RunHelper = (cmd, stdin) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd.command, cmd.args, { stdio: ['pipe', 'ignore', 'ignore'], windowsHide: true, timeout: 5_000 });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd.command} exited ${String(code)}`))));
    child.stdin.end(stdin, 'utf8');
  });
