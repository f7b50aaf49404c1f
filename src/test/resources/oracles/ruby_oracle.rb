require 'json'
require 'base64'

PROFILES = {
  'ruby-json' => ->(v) { JSON.generate(v) },
  'ruby-json-pretty' => ->(v) { JSON.pretty_generate(v) },
}

STDOUT.sync = false
STDIN.each_line do |line|
  body = Base64.strict_decode64(line.strip).force_encoding(Encoding::UTF_8)
  result = {}
  begin
    value = JSON.parse(body)
  rescue JSON::ParserError, JSON::NestingError, EncodingError, ArgumentError
    PROFILES.each_key { |p| result[p] = { 'err' => 'parse' } }
  else
    PROFILES.each do |p, encode|
      begin
        result[p] = { 'ok' => Base64.strict_encode64(encode.call(value)) }
      rescue JSON::GeneratorError, JSON::NestingError, EncodingError, ArgumentError
        result[p] = { 'err' => 'encode' }
      end
    end
  end
  STDOUT.puts(JSON.generate(result))
end
STDOUT.flush
