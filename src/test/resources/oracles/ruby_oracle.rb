require 'json'
require 'base64'

# Usage: ruby ruby_oracle.rb [rails]. With "rails", ActiveSupport::JSON.encode (Debian's ruby-activesupport, Rails 6.1).
PROFILES = if ARGV.first == 'rails'
  require 'active_support'
  require 'active_support/json'
  { 'rails-json' => ->(v) { ActiveSupport::JSON.encode(v) } }
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
    value = JSON.parse(body)
  rescue JSON::ParserError, JSON::NestingError, EncodingError, ArgumentError
    PROFILES.each_key { |p| result[p] = { 'err' => 'parse' } }
  else
    PROFILES.each do |p, encode|
      begin
        result[p] = { 'ok' => Base64.strict_encode64(encode.call(value)) }
      rescue JSON::GeneratorError, JSON::NestingError, EncodingError, ArgumentError, SystemStackError
        result[p] = { 'err' => 'encode' }
      end
    end
  end
  STDOUT.puts(JSON.generate(result))
end
STDOUT.flush
