FROM php:8-apache
COPY --chown=www-data:www-data . /var/www/html
RUN chown www-data:www-data /var/www/html
