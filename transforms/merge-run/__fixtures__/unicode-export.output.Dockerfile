FROM debian:12
RUN echo "é ü" && \
    echo b && \
    ( export X=1; echo $X ) && \
# later
    echo "$X"
