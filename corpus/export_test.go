package corpus

// ExtractFields exposes the metadata reader to the external tests'
// benchmarks (which can build synthetic corpora: internal/synth imports
// this package).
var ExtractFields = extractFields
