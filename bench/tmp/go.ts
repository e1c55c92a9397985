import { bundle } from '../run-bundled';
console.log(await bundle(process.argv[2]!));
