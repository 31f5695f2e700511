FROM php:8.2-fpm
WORKDIR /var/www
COPY composer.json composer.lock ./
RUN composer install --no-dev --prefer-dist
COPY . .
