require 'json'
require 'base64'

# Usage: ruby ruby_oracle.rb [rails|oj]. With "rails", ActiveSupport::JSON.encode (Debian's ruby-activesupport, Rails 6.1);
# with "oj", Oj.dump(Oj.load(text, mode: :strict)) in Oj's default object mode (Debian's ruby-oj).
OJ = ARGV.first == 'oj'
PROFILES = if ARGV.first == 'rails'
  require 'active_support'
  require 'active_support/json'
  { 'rails-json' => ->(v) { ActiveSupport::JSON.encode(v) } }
elsif OJ
  require 'oj'
  { 'ruby-oj' => ->(v) { Oj.dump(v) } }
else
  {
    'ruby-json' => ->(v) { JSON.generate(v) },
    'ruby-json-pretty' => ->(v) { JSON.pretty_generate(v) },
  }
end
ARGV.clear # STDIN.each_line, not ARGF

STDOUT.sync = false
STDIN.each_line do |line|
  body = Base64.strict_decode64(line.strip).force_encoding(Encoding::UTF_8)
  result = {}
  begin
    value = OJ ? Oj.load(body, mode: :strict) : JSON.parse(body)
  rescue JSON::ParserError, JSON::NestingError, EncodingError, ArgumentError, (OJ ? Oj::ParseError : EncodingError)
    PROFILES.each_key { |p| result[p] = { 'err' => 'parse' } }
  else
    PROFILES.each do |p, encode|
      begin
        result[p] = { 'ok' => Base64.strict_encode64(encode.call(value)) }
      rescue JSON::GeneratorError, JSON::NestingError, EncodingError, ArgumentError, SystemStackError, NoMemoryError
        result[p] = { 'err' => 'encode' }
      end
    end
  end
  STDOUT.puts(JSON.generate(result))
end
STDOUT.flush
