FROM ubuntu:trusty AS case1
RUN wget -q http://cache.ruby-lang.org/pub/ruby/2.1/ruby-2.1.2.tar.gz && tar xzf ruby-2.1.2.tar.gz && \
  cd ruby-2.1.2 && ./configure && make && make install
RUN gem install macaroons -v 0.6.1

FROM ubuntu:16.04
RUN apt-get update && apt-get install -y ruby && gem install bundler
