FROM php:8.2-cli
RUN composer install && composer clear-cache
RUN composer install --no-cache
RUN composer install && rm -rf /root/.composer/cache
RUN composer dump-autoload
