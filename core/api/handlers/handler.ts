import type { CoreContext } from '../../context';
import type { ParsedInput, ProcedureName, ProcedureOutput } from '../contract';

/** The implementation of one procedure: validated input in, the contract's result type out. */
export type Handler<N extends ProcedureName> = (ctx: CoreContext, input: ParsedInput<N>) => ProcedureOutput<N> | Promise<ProcedureOutput<N>>;

/** Handlers for a set of procedures; the compiler checks each result against the contract. */
export type Handlers<N extends ProcedureName = ProcedureName> = { [K in N]: Handler<K> };
