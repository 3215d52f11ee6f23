import { registerCollector } from '../../collect/registry';
import '../../diff/aws';
import { awsCollector } from './collector';

registerCollector(awsCollector);
