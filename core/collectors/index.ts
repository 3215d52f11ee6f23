// Importing this module registers every built-in collector with core/collect/registry.
import './aws';
import './mlflow';
export {};
