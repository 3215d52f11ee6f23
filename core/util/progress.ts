/** A progress event from long work (collection, export), shown live by the CLI and the app. */
export interface ProgressEvent {
  phase: string; // e.g. "collect", "export"
  source?: string;
  kind?: string;
  region?: string;
  pages?: number;
  items?: number;
  errors?: number;
  message?: string;
  done?: boolean;
}
