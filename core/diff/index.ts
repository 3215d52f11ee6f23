// Importing this module registers every built-in differ with core/diff/registry (one line per source family).
import './mlflow';
