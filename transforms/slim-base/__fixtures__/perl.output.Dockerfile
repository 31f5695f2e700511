FROM perl:5.40-slim
COPY script.pl /script.pl
CMD ["perl", "/script.pl"]
