// The detect stage's public face: rules as data, and a detector that turns chunks into findings.
export { loadRules, validateRules, type Rule, type RuleContext, type RuleExamples } from './rules.js';
export { createDetector, type Detector } from './detector.js';
export { ALLOW_MARKER } from './locate.js';
