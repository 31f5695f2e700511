# mkdir/touch make an empty folder and file: chown -R of them in a later RUN copies only headers.
FROM ubuntu:22.04
RUN mkdir /var/shared/
RUN touch /var/shared/placeholder
RUN chown -R www-data:www-data /var/shared
