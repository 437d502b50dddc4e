package store

import "encoding/json"

// deepCopyMap copies a JSON-like object so that neither the caller nor the
// store can change the other's copy. It never returns nil.
func deepCopyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = DeepCopy(v)
	}
	return out
}

// DeepCopy copies a JSON-like value (maps, slices and scalars). Exact JSON
// numbers become int64 when integral, float64 otherwise.
func DeepCopy(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		if f, err := v.Float64(); err == nil {
			return f
		}
		return v.String()
	case map[string]any:
		return deepCopyMap(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = DeepCopy(e)
		}
		return out
	default:
		return v
	}
}
