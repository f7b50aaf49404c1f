<?php
while (($line = fgets(STDIN)) !== false) {
    $pairs = json_decode(base64_decode(trim($line)), true);
    $map = [];
    foreach ($pairs as [$k, $v]) {
        $map[$k] = $v;
    }
    echo json_encode(['php-http-build-query' => http_build_query($map)]), "\n";
}
