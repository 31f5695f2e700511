FROM php:8.2-cli
RUN ["composer", "install"]
RUN <<EOF
composer install
EOF
RUN su www-data -s /bin/sh -c "composer install"
