FROM debian:12
RUN echo "é ü" > /tmp/é.txt && \
    echo b && \
    ( export X=1; echo $X ) && \
# later
    echo "$X" && rm /tmp/é.txt
