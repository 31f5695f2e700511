FROM debian:12
RUN echo "é ü" 
RUN echo b;
RUN export X=1; echo $X;


# later
RUN echo "$X"
