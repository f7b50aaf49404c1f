// The newtonsoft profile's oracle: JToken.Parse(text).ToString(Formatting.None) with Debian's Newtonsoft.Json 6.0.8
// on Mono, run with TZ=UTC (the profile models a client whose time zone is UTC). Each body is one base64 line on
// standard input; the text is the body as .NET decodes UTF-8 (ill-formed bytes become U+FFFD), and the answer goes
// out as UTF-8. Writes one JSON line per body: {"newtonsoft": {"ok": base64} | {"err": "parse"|"encode", "msg": ...}}.
using System;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

class NewtonsoftOracle {
    static void Main() {
        var utf8 = new UTF8Encoding(false, false);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
        string line;
        while ((line = Console.In.ReadLine()) != null) {
            string text = utf8.GetString(Convert.FromBase64String(line.Trim()));
            string result;
            JToken token = null;
            try {
                token = JToken.Parse(text);
            } catch (Exception e) {
                token = null;
                result = "{\"err\":\"parse\",\"msg\":" + JsonConvert.ToString(e.GetType().Name + ": " + e.Message) + "}";
                stdout.WriteLine("{\"newtonsoft\":" + result + "}");
                continue;
            }
            try {
                result = "{\"ok\":\"" + Convert.ToBase64String(utf8.GetBytes(token.ToString(Formatting.None))) + "\"}";
            } catch (Exception e) {
                result = "{\"err\":\"encode\",\"msg\":" + JsonConvert.ToString(e.GetType().Name + ": " + e.Message) + "}";
            }
            stdout.WriteLine("{\"newtonsoft\":" + result + "}");
        }
        stdout.Flush();
    }
}
