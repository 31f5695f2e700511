// A tiny HTTP service: GET / answers "ok".
package main

import (
	"fmt"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	_ = http.ListenAndServe(":8080", nil)
}
