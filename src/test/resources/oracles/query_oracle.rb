require 'json'
require 'base64'
require 'uri'

STDIN.each_line do |line|
  pairs = JSON.parse(Base64.strict_decode64(line.strip).force_encoding(Encoding::UTF_8))
  puts JSON.generate({ 'ruby-encode-www-form' => URI.encode_www_form(pairs) })
end
