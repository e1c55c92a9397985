// The read façade at its old address: createReader and every read shape, from store/read/.
export * from './read/index';
