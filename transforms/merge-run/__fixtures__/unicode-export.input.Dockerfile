FROM debian:12
RUN echo "é ü" > /tmp/é.txt 
RUN echo b;
RUN export X=1; echo $X;


# later
RUN echo "$X" && rm /tmp/é.txt
