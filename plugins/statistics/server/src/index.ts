// PETT statistics plugin. So far: the suppression of small cells (suppression/), pure, which every
// figure leaving the system must pass through. Indicators, schedules and the dashboard come next.
export default {};
