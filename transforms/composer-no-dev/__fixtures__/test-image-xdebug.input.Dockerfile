# A test image: xdebug is installed in the base stage for coverage; require-dev holds phpunit.
FROM php:8.2-cli AS default
RUN pecl install xdebug-3.3.1 && docker-php-ext-enable xdebug
WORKDIR /app

FROM default AS app
COPY composer.json composer.lock ./
RUN composer install --no-interaction
COPY . .
