export * from './errors.js';
export * from './chat.js';
export * from './rest.js';
export * from './events.js';
export * from './consultation.js';
export * from './time.js';
