export * from './local-date';
export * from './time-zone';
export * from './bank-holidays';
export * from './working-day-calendar';
export * from './local-time';
export * from './months';
