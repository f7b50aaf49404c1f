# Usage: ruby rails_oracle.rb. ActiveSupport::JSON.encode(JSON.parse(body)), Debian's ruby-activesupport (Rails 6.1).
require 'json'
require 'base64'
require 'active_support'
require 'active_support/json'

STDOUT.sync = false
STDIN.each_line do |line|
  body = Base64.strict_decode64(line.strip).force_encoding(Encoding::UTF_8)
  result = {}
  begin
    value = JSON.parse(body)
  rescue JSON::ParserError, JSON::NestingError, EncodingError, ArgumentError
    result['rails-json'] = { 'err' => 'parse' }
  else
    begin
      result['rails-json'] = { 'ok' => Base64.strict_encode64(ActiveSupport::JSON.encode(value)) }
    rescue JSON::GeneratorError, JSON::NestingError, EncodingError, ArgumentError, SystemStackError
      result['rails-json'] = { 'err' => 'encode' }
    end
  end
  STDOUT.puts(JSON.generate(result))
end
STDOUT.flush
