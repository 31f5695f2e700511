# vendor/bin on PATH: the image runs the project's vendor tools (phpunit, codecept) by name.
FROM php:8.2-cli
WORKDIR /project
COPY composer.json composer.lock /project/
RUN composer install --prefer-dist
COPY . /project
ENV PATH /project/vendor/bin:${PATH}
