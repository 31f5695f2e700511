# Ubuntu 12.04 ships RubyGems 1.8: "ERROR: While executing gem ... invalid option: --no-document".
FROM fcat/ubuntu-universe:12.04
RUN apt-get -qy install ruby1.9.1 ruby1.9.1-dev build-essential
RUN gem install bundler

FROM centos:6
RUN yum install -y ruby rubygems && gem install sass
