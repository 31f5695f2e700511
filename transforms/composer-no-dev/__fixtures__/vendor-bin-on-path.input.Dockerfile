FROM php:8.3-cli
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /app
COPY . .
RUN composer install
RUN echo "export PATH=$PATH:./vendor/bin" >> /root/.bashrc
CMD ["php", "-S", "0.0.0.0:80"]
