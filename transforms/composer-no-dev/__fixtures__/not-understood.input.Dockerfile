FROM php:8.2-fpm
WORKDIR /app
RUN ["composer", "install"]
RUN <<EOF
composer install
EOF
RUN su www-data -s /bin/sh -c "composer install"
