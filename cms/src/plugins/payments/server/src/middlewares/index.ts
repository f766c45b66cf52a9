import domainErrors from './domain-errors';

export default { 'domain-errors': domainErrors };
