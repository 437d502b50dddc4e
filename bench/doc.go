// Package bench holds benchmarks, and nothing else, that compare the
// adminapi client with the cheapest hand-written equivalent and with a
// client that signs a new token for every request.
//
// All variants call one loopback [net/http/httptest] server that answers a
// fixed user, so the differences are the clients' own costs. Run them with
//
//	go test -run '^$' -bench . -benchmem ./bench/ ./auth/
//
// BenchmarkInterleaved runs the three variants in turn within one loop and
// reports each one's time per call (floor-ns/op, client-ns/op,
// signed-ns/op) and their ratios, so that machine noise affects them alike.
package bench
