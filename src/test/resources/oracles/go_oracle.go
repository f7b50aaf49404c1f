package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 256<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		body, err := base64.StdEncoding.DecodeString(in.Text())
		if err != nil {
			panic(err)
		}
		result := map[string]map[string]string{}
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			for _, p := range []string{"go-json", "go-json-encoder", "go-json-indent"} {
				result[p] = map[string]string{"err": "parse"}
			}
		} else {
			record := func(profile string, b []byte, err error) {
				if err != nil {
					result[profile] = map[string]string{"err": "encode"}
				} else {
					result[profile] = map[string]string{"ok": base64.StdEncoding.EncodeToString(b)}
				}
			}
			b, err := json.Marshal(v)
			record("go-json", b, err)
			var buf bytes.Buffer
			err = json.NewEncoder(&buf).Encode(v)
			record("go-json-encoder", buf.Bytes(), err)
			b, err = json.MarshalIndent(v, "", "  ")
			record("go-json-indent", b, err)
		}
		line, _ := json.Marshal(result)
		out.Write(line)
		out.WriteByte('\n')
	}
}
