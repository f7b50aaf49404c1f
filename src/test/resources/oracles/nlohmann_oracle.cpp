// The nlohmann-json profile's oracle: nlohmann::json::parse(text).dump(), Debian's nlohmann-json3-dev.
// Reads one base64 body a line and writes {"nlohmann-json": {"ok": base64} | {"err": "parse"|"encode"}} a line.
#include <iostream>
#include <string>
#include <nlohmann/json.hpp>

static const std::string ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static std::string decode(const std::string& text) {
    std::string out;
    unsigned acc = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=' || c == '\r') continue;
        acc = acc << 6 | static_cast<unsigned>(ALPHABET.find(c));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return out;
}

static std::string encode(const std::string& bytes) {
    std::string out;
    for (size_t i = 0; i < bytes.size(); i += 3) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
        for (size_t k = 0; k < 4; k++) {
            out.push_back(i + k <= bytes.size() ? ALPHABET[(n >> (18 - 6 * k)) & 63] : '=');
        }
    }
    return out;
}

int main() {
    std::string line;
    while (std::getline(std::cin, line)) {
        std::string result;
        nlohmann::json value;
        try {
            value = nlohmann::json::parse(decode(line));
        } catch (const nlohmann::json::exception&) {
            std::cout << "{\"nlohmann-json\":{\"err\":\"parse\"}}\n";
            continue;
        }
        try {
            result = "{\"ok\":\"" + encode(value.dump()) + "\"}";
        } catch (const nlohmann::json::exception&) {
            result = "{\"err\":\"encode\"}";
        }
        std::cout << "{\"nlohmann-json\":" << result << "}\n";
    }
    return 0;
}
