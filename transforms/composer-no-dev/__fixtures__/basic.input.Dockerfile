FROM php:8.2-apache
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
ENV COMPOSER_HOME=/composer PATH="/composer/vendor/bin:$PATH"
WORKDIR /var/www/html
COPY composer.json composer.lock ./
RUN composer install --optimize-autoloader --no-interaction \
    && composer clear-cache
RUN php composer.phar install && php composer.phar dump-autoload -o
COPY . .
CMD ["apache2-foreground"]
