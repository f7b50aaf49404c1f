package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		raw, _ := base64.StdEncoding.DecodeString(in.Text())
		var pairs [][2]string
		if err := json.Unmarshal(raw, &pairs); err != nil {
			panic(err)
		}
		values := url.Values{}
		for _, p := range pairs {
			values.Add(p[0], p[1])
		}
		line, _ := json.Marshal(map[string]string{"go-values-encode": values.Encode()})
		out.Write(line)
		out.WriteByte('\n')
	}
}
