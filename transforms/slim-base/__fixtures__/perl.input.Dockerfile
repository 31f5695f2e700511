FROM perl:5.40
COPY script.pl /script.pl
CMD ["perl", "/script.pl"]
