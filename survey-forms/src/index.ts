export * from './codes';
export * from './index-tree';
export * from './questionnaire';
export * from './response';
export * from './campaign';
export * from './campaign-check';
export * from './validate-response';
export * from './canonical';
