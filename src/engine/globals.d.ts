// The engine runs in a Web Worker, in Node and in tests: all of them provide structuredClone.
// Declared here because the engine's tsconfig has neither the DOM nor Node's type libraries.
declare function structuredClone<T>(value: T): T
