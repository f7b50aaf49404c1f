<?php
// serialize_precision = -1 is PHP's default since 7.1; set it so a local php.ini cannot change the answer.
ini_set('serialize_precision', '-1');
$profiles = [
    'php-json' => [false, 0],
    'php-json-unescaped' => [false, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE],
    'php-json-pretty' => [false, JSON_PRETTY_PRINT],
    'php-json-assoc' => [true, 0],
    // Symfony HttpClient's 'json' option (HttpClientTrait::jsonEncode): plain json_encode flags, so no Symfony needed.
    'php-symfony-json' => [false, JSON_HEX_TAG | JSON_HEX_APOS | JSON_HEX_AMP | JSON_HEX_QUOT | JSON_PRESERVE_ZERO_FRACTION],
];
while (($line = fgets(STDIN)) !== false) {
    $body = base64_decode(trim($line));
    $result = [];
    foreach ($profiles as $id => [$assoc, $flags]) {
        $value = json_decode($body, $assoc);
        if (json_last_error() !== JSON_ERROR_NONE) {
            $result[$id] = ['err' => 'parse'];
            continue;
        }
        $encoded = json_encode($value, $flags);
        if ($encoded === false) {
            $result[$id] = ['err' => 'encode'];
            continue;
        }
        $result[$id] = ['ok' => base64_encode($encoded)];
    }
    echo json_encode($result), "\n";
}
