// PETT forms plugin: form definitions as data (definition/), checked when saved, compiled to JSON
// Schema and used to validate the answers records keep in `custom`.
export default {};
