FROM composer:2 AS vendor
WORKDIR /app
COPY composer.json composer.lock ./
RUN composer install --no-interaction

FROM php:8.2-fpm
COPY --from=vendor /app/vendor /var/www/vendor

FROM php:8.2-fpm AS test
RUN composer install
