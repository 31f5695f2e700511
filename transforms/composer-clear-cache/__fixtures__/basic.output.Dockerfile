FROM php:8.2-apache
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /var/www/html
COPY composer.json composer.lock ./
RUN composer install --no-dev --optimize-autoloader --no-interaction && composer clear-cache
RUN php composer.phar install \
    && php composer.phar dump-autoload -o \
    && php composer.phar clear-cache
