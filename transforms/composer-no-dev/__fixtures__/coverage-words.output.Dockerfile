# "xdebug" only in a comment of another instruction and php-xdebug-free installs: the edit still applies.
FROM php:8.2-fpm
# no xdebug here
WORKDIR /var/www
COPY composer.json composer.lock ./
RUN composer install --no-dev --no-interaction --prefer-dist
COPY . .
CMD ["php-fpm"]
