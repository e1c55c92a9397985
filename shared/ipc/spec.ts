// Building blocks of the contract table. A method spec is a zod input schema plus a phantom
// output type; an event spec is only a phantom payload type. The phantoms are never set at
// runtime — they let every derived type (the API interfaces, the preload bridge, the clients)
// come from the one table in contract.ts.
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly output?: O;
}

export interface EventSpec<P> {
  readonly payload?: P;
}

/** `method<Output>()(inputSchema)` — curried so the schema type is inferred. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });

export const event = <P>(): EventSpec<P> => ({});

export type Unsubscribe = () => void;
