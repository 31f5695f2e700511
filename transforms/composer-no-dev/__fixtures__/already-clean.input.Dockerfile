FROM php:8.2-fpm
WORKDIR /app
COPY composer.* ./
RUN composer install --no-dev
RUN composer install --dev
RUN COMPOSER_NO_DEV=1 composer install
RUN composer require monolog/monolog
