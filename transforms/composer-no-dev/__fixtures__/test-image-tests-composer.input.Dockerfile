# The composer files come from the tests folder: the image runs the library's test suite.
FROM php:7.4-cli
WORKDIR /usr/src/lib
COPY tests/composer/composer-7.4.* ./
RUN COMPOSER=composer-7.4.json composer install
